#!/usr/bin/env bash
# Desktop smoke test under Xvfb with software OpenGL (libgl1-mesa-dri):
#   1. --frames N --screenshot: the program renders, saves its last frame, exits 0;
#   2. `threadlab FILE.json` opens that scenario file (a screenshot shows its timeline); a bad
#      file exits 2 with the lines `threadlab-cli validate` prints;
#   3. on screen: the window appears, `import -window root` shows the timeline, and the
#      program exits 0 when asked to quit (SIGTERM arrives as SDL_QUIT, like closing it);
#   4. idle (paused at the end) it uses no CPU to speak of, and Ctrl+Q quits.
# Prints one "ok - NAME" / "not ok - NAME" line per check; exit status = number of failures.
#   tests/desktop/smoke.sh [BUILD_DIR] [ARTIFACT_DIR]
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${1:-$ROOT/build/native}
ART=${2:-$ROOT/build/test-artifacts}
APP=$BUILD/threadlab
CHECK="node $ROOT/tests/desktop/check_screenshot.mjs"
mkdir -p "$ART"
failures=0
ok()     { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; printf '    %s\n' "$@"; failures=$((failures + 1)); }

# Waits for a condition with a deadline; the condition is the synchronisation, not the clock.
wait_for() {  # seconds command...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

if [[ ! -x $APP ]]; then
  not_ok "desktop: program built" "$APP missing"
  exit 1
fi
# Without one of these a later step fails for a reason that has nothing to do with the program
# (no key presses: the playback never pauses, so "idle" measures a drawing loop); say which.
missing_tools=()
for tool in Xvfb xdpyinfo xwininfo xdotool import convert node; do
  command -v "$tool" >/dev/null || missing_tools+=("$tool")
done
if ((${#missing_tools[@]})); then
  not_ok "desktop: test tools installed" "missing: ${missing_tools[*]} (scripts/setup.sh installs them)"
  exit 1
fi

# A display number nobody uses: the lock file is how X servers claim one.
display=""
for n in $(seq 90 119); do
  [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] || { display=:$n; break; }
done
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$ART/xvfb.log" 2>&1 &
xvfb_pid=$!
cleanup() { kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; }
trap cleanup EXIT
export DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1
if ! wait_for 20 xdpyinfo; then
  not_ok "desktop: Xvfb starts" "$(tail -n 5 "$ART/xvfb.log")"
  exit 1
fi

# 1. Fixed number of frames, the program's own screenshot of its last frame.
rm -f "$ART/desktop-frames.ppm"
out=$(timeout 120 "$APP" --frames 30 --screenshot "$ART/desktop-frames.ppm" 2>&1); rc=$?
if ((rc != 0)); then
  not_ok "desktop: --frames 30 --screenshot exits 0" "exit code $rc" "$out"
elif ! convert "$ART/desktop-frames.ppm" "$ART/desktop-frames.png" 2>/dev/null; then
  not_ok "desktop: --frames 30 --screenshot exits 0" "no readable PPM at $ART/desktop-frames.ppm"
elif msg=$($CHECK "$ART/desktop-frames.png" 2>&1); then
  ok "desktop: --frames 30 --screenshot exits 0 and the frame shows the timeline"
  echo "    $msg"
else
  not_ok "desktop: --frames 30 --screenshot shows the timeline" "$msg"
fi

# 2. A scenario file named on the command line.
rm -f "$ART/desktop-file.ppm"
out=$(timeout 120 "$APP" "$ROOT/examples/slice.json" --frames 30 --screenshot "$ART/desktop-file.ppm" 2>&1); rc=$?
if ((rc != 0)); then
  not_ok "desktop: threadlab FILE.json opens the file" "exit code $rc" "$out"
elif ! convert "$ART/desktop-file.ppm" "$ART/desktop-file.png" 2>/dev/null; then
  not_ok "desktop: threadlab FILE.json opens the file" "no readable PPM at $ART/desktop-file.ppm"
elif msg=$($CHECK "$ART/desktop-file.png" 2>&1); then
  ok "desktop: threadlab examples/slice.json shows its timeline"
else
  not_ok "desktop: threadlab FILE.json shows its timeline" "$msg"
fi
bad="$ART/desktop-bad-scenario.json"
printf '{"machine": {"cores": "two"}, "processes": []}\n' >"$bad"
out=$(timeout 60 "$APP" "$bad" 2>&1); rc=$?
want=$("$BUILD/threadlab-cli" validate "$bad" 2>&1)
if ((rc == 2)) && [[ -n $out && $out == "$want" ]]; then
  ok "desktop: a bad FILE.json exits 2 with the CLI's error lines"
else
  not_ok "desktop: a bad FILE.json exits 2 with the CLI's error lines" "exit code $rc" "got: $out" "cli: $want"
fi

# 3. On screen, captured by the X server, then a clean quit.
"$APP" --frames 1000000 >"$ART/desktop-run.log" 2>&1 &
app_pid=$!
window_up() { xwininfo -root -tree | grep -q '"threadlab'; }
shot_ok() { import -window root "PNG24:$ART/desktop-screen.png" && $CHECK "$ART/desktop-screen.png"; }
if ! wait_for 30 window_up; then
  not_ok "desktop: window opens" "no threadlab window after 30 s" "$(tail -n 5 "$ART/desktop-run.log")"
elif ! wait_for 30 shot_ok; then
  not_ok "desktop: screen shows the timeline" "$($CHECK "$ART/desktop-screen.png" 2>&1)"
else
  ok "desktop: window opens and the screen shows the timeline"
fi
if kill -0 "$app_pid" 2>/dev/null; then
  kill -TERM "$app_pid"
  # A deadline, not synchronisation: `wait` returns as soon as the program exits.
  (sleep 30; kill -KILL "$app_pid" 2>/dev/null) &
  watchdog=$!
  wait "$app_pid"; rc=$?
  kill "$watchdog" 2>/dev/null; wait "$watchdog" 2>/dev/null
  if ((rc == 0)); then ok "desktop: quits cleanly (exit 0) when asked to close"
  else not_ok "desktop: quits cleanly when asked to close" "exit code $rc (137: killed after 30 s)" \
         "$(tail -n 5 "$ART/desktop-run.log")"; fi
else
  wait "$app_pid"; rc=$?
  not_ok "desktop: quits cleanly when asked to close" "exited early with code $rc" "$(tail -n 5 "$ART/desktop-run.log")"
fi
# 4. Idle costs nothing, and the keyboard quits: End stops the playback at the end of the run;
#    then, over two idle seconds, the program must use (almost) no CPU (it draws no frames:
#    it waits for events); Ctrl+Q closes it with exit 0.
"$APP" >"$ART/desktop-idle.log" 2>&1 &
app_pid=$!
cpu_ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
if ! wait_for 30 window_up; then
  not_ok "desktop: idle window opens" "no threadlab window after 30 s"
else
  win=$(xdotool search --name '^threadlab' | head -n 1)
  xdotool windowfocus --sync "$win" 2>/dev/null
  xdotool key End
  sleep 0.5  # the frames after the key (a few, then nothing): not measured
  before=$(cpu_ticks)
  sleep 2    # the measurement window itself
  used=$(( $(cpu_ticks) - before ))
  # 100 ticks a second: a drawing loop uses 100+ over two seconds; an idle one 0 or 1.
  if ((used <= 4)); then ok "desktop: paused at the end, two idle seconds use $used CPU ticks"
  else not_ok "desktop: no frames while idle" "$used CPU ticks (1/100 s) in two idle seconds"; fi
  xdotool key ctrl+q
  (sleep 30; kill -KILL "$app_pid" 2>/dev/null) &
  watchdog=$!
  wait "$app_pid"; rc=$?
  kill "$watchdog" 2>/dev/null; wait "$watchdog" 2>/dev/null
  if ((rc == 0)); then ok "desktop: Ctrl+Q quits (exit 0)"
  else not_ok "desktop: Ctrl+Q quits" "exit code $rc (137: killed after 30 s)"; fi
fi
exit "$failures"
