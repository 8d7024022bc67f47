#!/usr/bin/env bash
# Builds the LMS packages from build/web/dist (scripts/build.sh web builds it first if missing):
#   build/web/threadlab-scorm12.zip     SCORM 1.2 (imsmanifest.xml at the root)
#   build/web/threadlab-scorm2004.zip   SCORM 2004 4th edition
# Each lesson is one item (SCO) launching index.html?lesson=ID&scorm=12|2004; the page finds
# the LMS's API and reports started, progress, completion and score (web/tl-scorm.js).
#   scripts/package.sh [--dist DIR] [--out DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIST=$ROOT/build/web/dist
OUT=$ROOT/build/web
while (($#)); do
  case $1 in
    --dist) DIST=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "package.sh: unknown option '$1' (--dist DIR, --out DIR)" >&2; exit 2 ;;
  esac
done
if [[ ! -f $DIST/index.html ]]; then
  echo "package.sh: $DIST/index.html missing; building the web page first" >&2
  bash "$ROOT/scripts/build.sh" web
fi
command -v zip >/dev/null || { echo "package.sh: 'zip' is missing (apt-get install zip)" >&2; exit 1; }

version=$(sed -nE 's/^project\(threadlab VERSION ([0-9.]+).*/\1/p' "$ROOT/CMakeLists.txt" | head -n 1)
version=${version:-0.0.0}

# Lesson ids and titles in course order, escaped for XML.
lessons=$(node -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1];
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  for (const id of JSON.parse(fs.readFileSync(path.join(dir, "index.json"))).lessons) {
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error("lesson id " + id + " is not safe in a manifest");
    const lesson = JSON.parse(fs.readFileSync(path.join(dir, id + ".json")));
    console.log(id + "\t" + esc(lesson.title || id));
  }' "$ROOT/lessons")

files=$(cd "$DIST" && find . -type f ! -name '*.map' | sed 's|^\./||' | sort)

manifest() {  # 12|2004
  local v=$1 schema schemaversion ns adlcp
  if [[ $v == 12 ]]; then
    schema="ADL SCORM"; schemaversion="1.2"
    ns='xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"'
    adlcp='adlcp:scormtype="sco"'
  else
    schema="ADL SCORM"; schemaversion="2004 4th Edition"
    ns='xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlseq="http://www.imsglobal.org/xsd/imsss" xmlns:imsss="http://www.imsglobal.org/xsd/imsss"'
    adlcp='adlcp:scormType="sco"'
  fi
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<manifest identifier=\"threadlab-$version-scorm$v\" version=\"$version\" $ns>"
  echo "  <metadata><schema>$schema</schema><schemaversion>$schemaversion</schemaversion></metadata>"
  echo '  <organizations default="threadlab">'
  echo '    <organization identifier="threadlab">'
  echo '      <title>threadlab: threads versus processes</title>'
  while IFS=$'\t' read -r id title; do
    echo "      <item identifier=\"item-$id\" identifierref=\"res-$id\"><title>$title</title></item>"
  done <<<"$lessons"
  echo '    </organization>'
  echo '  </organizations>'
  echo '  <resources>'
  local first=1
  while IFS=$'\t' read -r id title; do
    echo "    <resource identifier=\"res-$id\" type=\"webcontent\" $adlcp href=\"index.html?lesson=$id&amp;scorm=$v\">"
    if ((first)); then
      while read -r f; do echo "      <file href=\"$f\"/>"; done <<<"$files"
      first=0
    else
      echo "      <dependency identifierref=\"res-$(head -n 1 <<<"$lessons" | cut -f1)\"/>"
    fi
    echo '    </resource>'
  done <<<"$lessons"
  echo '  </resources>'
  echo '</manifest>'
}

for v in 12 2004; do
  stage=$OUT/scorm$v
  rm -rf "$stage"
  mkdir -p "$stage"
  cp -R "$DIST"/. "$stage"/
  find "$stage" -name '*.map' -delete
  manifest "$v" >"$stage/imsmanifest.xml"
  zipfile=$OUT/threadlab-scorm$v.zip
  rm -f "$zipfile"
  (cd "$stage" && zip -q -r -X "$zipfile" imsmanifest.xml $(ls | grep -v '^imsmanifest.xml$'))
  echo "package.sh: $zipfile ($(du -k "$zipfile" | cut -f1) KB, $(grep -c '<item ' "$stage/imsmanifest.xml") lessons)"
done
