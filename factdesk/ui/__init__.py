"""The review window (PySide6): the only package that imports Qt.

It presents the core and sends the reviewer's intent back to it; nothing here computes an
alignment, a diff or a conflict. (PySide6 6.12.0 is excluded in pyproject.toml: on CPython
3.11 it drops references to None and True and aborts long sessions; tests/ui/test_qt_binding.py
guards against any build with that fault.)
"""
