#!/usr/bin/env bash
# The built folder in a real X session: Xvfb with the openbox window manager, the bundle's desktop
# entry installed (partnerdesk-cli desktop-entry) and launched as a desktop launches it (gio launch),
# then screenshots of the main window and Help > About, and a clean quit.
#   apt-get install xvfb openbox xdotool imagemagick libglib2.0-bin x11-utils
#   packaging/x11_check.sh dist/PartnerDesk-<version> [OUT]      (screenshots land in OUT)
set -u
B=$(cd "${1:?usage: packaging/x11_check.sh dist/PartnerDesk-<version>}" && pwd)
OUT=${2:-/tmp/partnerdesk-x11}
export XDG_DATA_HOME=$OUT/data PARTNERDESK_HOME=$OUT/home
rm -rf "$OUT" && mkdir -p "$OUT"
unset QT_QPA_PLATFORM
Xvfb :99 -screen 0 1366x768x24 -nolisten tcp > $OUT/xvfb.log 2>&1 &
echo $! > $OUT/xvfb.pid
sleep 1
export DISPLAY=:99
openbox > $OUT/openbox.log 2>&1 &
echo $! > $OUT/openbox.pid
sleep 1
"$B/partnerdesk-cli" demo "$PARTNERDESK_HOME/workspace.partnerdesk"
"$B/partnerdesk-cli" desktop-entry
grep ^Exec "$XDG_DATA_HOME/applications/org.partnerdesk.PartnerDesk.desktop"
gio launch "$XDG_DATA_HOME/applications/org.partnerdesk.PartnerDesk.desktop" > $OUT/app.log 2>&1 &
WID=$(timeout 60 xdotool search --sync --name " — PartnerDesk$" | head -1)
echo "window $WID"
sleep 3
xprop -id "$WID" WM_CLASS _NET_WM_NAME _NET_WM_PID | cat
xprop -id "$WID" _NET_WM_ICON | head -c 200; echo
# Help > About, for a second screenshot
xdotool windowactivate --sync "$WID" key --clearmodifiers alt+h
sleep 1; xdotool key a; sleep 2   # &About PartnerDesk (the first item is &Welcome)
import -window root "$OUT/about.png"
xdotool key Escape; sleep 1
import -window root "$OUT/main.png"
xdotool windowactivate --sync "$WID" key ctrl+q; sleep 2
kill "$(cat "$OUT/openbox.pid")" "$(cat "$OUT/xvfb.pid")"
echo "screenshots: $OUT/main.png $OUT/about.png"
