#!/bin/sh
# Install factdesk's desktop integration: the .desktop entry, the AppStream metainfo, the
# application/x-factdesk-review file type and the icons, for one user (default) or system-wide.
#
#   packaging/linux/install-desktop.sh                 # into ${XDG_DATA_HOME:-~/.local/share}
#   PREFIX=/usr/local sudo -E packaging/linux/install-desktop.sh
#   packaging/linux/install-desktop.sh --bundle dist/factdesk   # also link PREFIX/bin/factdesk
#   packaging/linux/install-desktop.sh --uninstall
#
# The desktop entry runs `factdesk %f`, so `factdesk` must be on PATH: a pip/pipx install puts it
# there; for the PyInstaller bundle use --bundle DIR (links DIR/factdesk into PREFIX/bin).
# DESTDIR is honoured for staging (packagers); the caches are then left alone.
set -eu

APP_ID=org.factdesk.FactDesk
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
if [ -n "${PREFIX:-}" ]; then
    DATA=$PREFIX/share
    BINDIR=$PREFIX/bin
else
    DATA=${XDG_DATA_HOME:-$HOME/.local/share}
    BINDIR=$HOME/.local/bin
fi
DESTDIR=${DESTDIR:-}
ROOT=$DESTDIR$DATA
BIN=$DESTDIR$BINDIR

# Icons: the repository's resources/icons, or icons/ beside this script in an unpacked copy.
if [ -d "$HERE/../../resources/icons/hicolor" ]; then
    ICONS=$HERE/../../resources/icons
elif [ -d "$HERE/icons/hicolor" ]; then
    ICONS=$HERE/icons
else
    echo "install-desktop.sh: cannot find the icons (resources/icons/hicolor)" >&2
    exit 2
fi

usage() {
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
}

MODE=install
BUNDLE=
while [ $# -gt 0 ]; do
    case $1 in
        --uninstall) MODE=uninstall ;;
        --bundle) shift; BUNDLE=${1:?--bundle needs the bundle folder} ;;
        --bundle=*) BUNDLE=${1#--bundle=} ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install-desktop.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

refresh_caches() {
    [ -z "$DESTDIR" ] || return 0
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$DATA/mime" || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
    fi
}

if [ "$MODE" = uninstall ]; then
    rm -f "$ROOT/applications/$APP_ID.desktop" \
          "$ROOT/metainfo/$APP_ID.metainfo.xml" \
          "$ROOT/mime/packages/$APP_ID-mime.xml" \
          "$ROOT/icons/hicolor/scalable/apps/$APP_ID.svg"
    for png in "$ICONS"/hicolor/*/apps/"$APP_ID".png; do
        size=$(basename "$(dirname "$(dirname "$png")")")
        rm -f "$ROOT/icons/hicolor/$size/apps/$APP_ID.png"
    done
    if [ -L "$BIN/factdesk" ]; then rm -f "$BIN/factdesk"; fi
    refresh_caches
    echo "factdesk desktop integration removed from $ROOT"
    exit 0
fi

install -D -m 644 "$HERE/$APP_ID.desktop" "$ROOT/applications/$APP_ID.desktop"
install -D -m 644 "$HERE/$APP_ID.metainfo.xml" "$ROOT/metainfo/$APP_ID.metainfo.xml"
install -D -m 644 "$HERE/$APP_ID-mime.xml" "$ROOT/mime/packages/$APP_ID-mime.xml"
install -D -m 644 "$ICONS/$APP_ID.svg" "$ROOT/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in "$ICONS"/hicolor/*/apps/"$APP_ID".png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    install -D -m 644 "$png" "$ROOT/icons/hicolor/$size/apps/$APP_ID.png"
done

if [ -n "$BUNDLE" ]; then
    target=$(CDPATH='' cd -- "$BUNDLE" && pwd)/factdesk
    if [ ! -x "$target" ]; then
        echo "install-desktop.sh: $target is not an executable bundle" >&2
        exit 2
    fi
    mkdir -p "$BIN"
    ln -sf "$target" "$BIN/factdesk"
    echo "linked $BIN/factdesk -> $target"
fi

refresh_caches
echo "factdesk desktop integration installed into $ROOT"
if ! command -v factdesk >/dev/null 2>&1 && [ -z "$BUNDLE" ]; then
    echo "note: 'factdesk' is not on PATH; the menu entry needs it (pipx install, or --bundle DIR)" >&2
fi
