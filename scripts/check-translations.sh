#!/usr/bin/env bash
# Every interface string translated in all six languages: 0 untranslated, 0 fuzzy. The catalogues
# are first refreshed from the source in a scratch copy of the project (the real locale/ is never
# touched, so a run cannot undo edits made meanwhile), so a string never extracted counts too.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tar --exclude=./.venv --exclude=./node_modules --exclude=./.git --exclude=./var --exclude=./staticfiles \
  -cf - . | tar -xf - -C "$scratch"
(cd "$scratch" && "$root/.venv/bin/python" manage.py makemessages --all --no-obsolete --ignore=tests \
  --add-location=file -v0)
status=0
for po in "$scratch"/locale/*/LC_MESSAGES/django.po; do
  stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
  echo "${po#"$scratch"/}: $stats"
  case "$stats" in *untranslated*|*fuzzy*|*error*) status=1 ;; esac
done
langs=$(ls -d "$scratch"/locale/*/LC_MESSAGES | wc -l)
[ "$langs" -eq 6 ] || { echo "expected six languages in locale/, found $langs"; status=1; }
[ "$status" = 0 ] || echo "Run 'make messages' and translate the new strings in every language."
exit $status
