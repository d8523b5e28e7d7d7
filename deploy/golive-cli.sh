#!/usr/bin/env bash
# A release manager's command line over golive's REST API.
#   golive-cli.sh validate MANIFEST.yaml       check a manifest, start nothing
#   golive-cli.sh plan MANIFEST.yaml           what the release changes: modules changed/added/removed, series
#   golive-cli.sh start MANIFEST.yaml          start a go-live
#   golive-cli.sh rehearse MANIFEST.yaml       rehearse the release on a neutralized scratch copy of its environment
#   golive-cli.sh rollback ENVIRONMENT BACKUP  start a rollback to a backup
#   golive-cli.sh backups ENVIRONMENT          list the backups of an environment
#   golive-cli.sh backup ENVIRONMENT           take a backup now (readiness test-restores the newest)
#   golive-cli.sh evidence GO_LIVE_ID          what a go-live did, step by step
#   golive-cli.sh document GO_LIVE_ID NAME     WHAT_SHIPPED.md or GO_LIVE_MANIFEST.md of a go-live
#   golive-cli.sh breach GO_LIVE_ID REASON     report a security breach: the next check rolls back at once
#   golive-cli.sh lock ENVIRONMENT             which go-live or rollback holds the environment
#   golive-cli.sh unlock ENVIRONMENT REASON    release a stale lock (camunda-admin only; the reason goes to the evidence)
# GOLIVE_URL (default http://localhost:8080), GOLIVE_USER/GOLIVE_PASSWORD (default release/demo).
set -euo pipefail
url="${GOLIVE_URL:-http://localhost:8080}"
auth="${GOLIVE_USER:-release}:${GOLIVE_PASSWORD:-demo}"
# golive refuses a state-changing call with neither this header nor a JSON/YAML body: a browser cannot add the
# header from another site (docs/configuration.md, "REST API")
call() { curl -sS -u "$auth" -H 'X-Requested-By: golive-cli' -w '\nHTTP %{http_code}\n' "$@"; }
case "${1:-}" in
  validate) call -X POST -H 'Content-Type: application/yaml' --data-binary "@$2" "$url/api/manifests/validate" ;;
  plan)     call -X POST -H 'Content-Type: application/yaml' --data-binary "@$2" "$url/api/go-lives/plan" ;;
  start)    call -X POST -H 'Content-Type: application/yaml' --data-binary "@$2" "$url/api/go-lives" ;;
  rehearse) call -X POST -H 'Content-Type: application/yaml' --data-binary "@$2" "$url/api/rehearsals" ;;
  rollback) call -X POST -H 'Content-Type: application/json' -d "{\"environment\":\"$2\",\"backupId\":\"$3\"}" "$url/api/rollbacks" ;;
  backups)  call "$url/api/environments/$2/backups" ;;
  backup)   call -X POST "$url/api/environments/$2/backups" ;;
  evidence) call "$url/api/go-lives/$2/evidence" ;;
  document) call "$url/api/go-lives/$2/documents/$3" ;;
  breach)   call -X POST -H 'Content-Type: application/json' \
              -d "$(python3 -c 'import json,sys; print(json.dumps({"reason": sys.argv[1]}))' "$3")" "$url/api/go-lives/$2/security-breach" ;;
  lock)     call "$url/api/environments/$2/lock" ;;
  unlock)   call -X DELETE -H 'Content-Type: application/json' \
              -d "$(python3 -c 'import json,sys; print(json.dumps({"reason": sys.argv[1]}))' "$3")" "$url/api/environments/$2/lock" ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
