#!/usr/bin/env bash
# Every interface string translated in all six languages: 0 untranslated, 0 fuzzy.
set -euo pipefail
status=0
for po in locale/*/LC_MESSAGES/django.po; do
  stats=$(msgfmt --statistics -o /dev/null "$po" 2>&1)
  echo "$po: $stats"
  case "$stats" in *untranslated*|*fuzzy*) status=1 ;; esac
done
langs=$(ls locale | wc -l)
[ "$langs" -ge 6 ] || { echo "expected six languages in locale/, found $langs"; status=1; }
exit $status
