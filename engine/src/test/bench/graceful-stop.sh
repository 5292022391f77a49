#!/bin/bash
# How long serve takes from SIGTERM to exit with one run waiting on an HTTP call that never answers,
# its exit code, and the WARN/ERROR lines of its logs (docs/benchmarks.md, "Graceful stop").
# usage (after mvn -B -ntp -pl engine -am verify -DskipTests, which writes engine/target/cp.txt):
#   engine/src/test/bench/graceful-stop.sh [GRACE_SECONDS]
set -u
cd "$(dirname "$0")/../../../.."
CLASSES=engine/target/classes; GRACE=${1:-5}
W=$(mktemp -d)
mkdir -p $W/scenarios
HP=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
python3 -c '
import http.server,time,sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(300)
http.server.ThreadingHTTPServer(("127.0.0.1",int(sys.argv[1])),H).serve_forever()' $HP &
HOLD=$!
printf "scenario: slow\nsteps:\n  - log: start\n  - http: http://127.0.0.1:$HP/hold\n    timeout: 200s\n" > $W/scenarios/slow.yaml
export KARAKURI_HOME=$W/home KARAKURI_MASTER_KEY_FILE=$W/keys/master.key KARAKURI_API_TOKEN=tok KARAKURI_LANG=en
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp $CLASSES:$(cat engine/target/cp.txt) org.karakuri.cli.Main serve --scenarios $W/scenarios --port $PORT ${GRACE:+--grace $GRACE} > $W/out.log 2>&1 &
PID=$!
for i in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/api/health >/dev/null && break; sleep 0.5; done
curl -s -X POST -H "Authorization: Bearer tok" -H "Content-Type: application/json" http://127.0.0.1:$PORT/api/scenarios/slow/trigger -d '{}' ; echo
for i in $(seq 1 60); do grep -q '"run-started"' $W/home/runs/*/audit.jsonl 2>/dev/null && break; sleep 0.5; done
T0=$(date +%s.%N); kill -TERM $PID; wait $PID; RC=$?; T1=$(date +%s.%N)
echo "exit $RC after $(echo "$T1 - $T0" | bc) s"
grep -E "WARN|ERROR" $W/out.log $W/home/logs/karakuri.log | cut -c1-250
echo "dir $W"; kill $HOLD
