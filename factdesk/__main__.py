from factdesk.cli.main import main

raise SystemExit(main())
