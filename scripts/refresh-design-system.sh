#!/usr/bin/env bash
# Refresh the vendored NL Design System CSS, theme tokens and htmx from npm.
# Usage: scripts/refresh-design-system.sh   (edit the versions below first)
# Needs npm; nothing is installed globally: packages are unpacked in a temp dir.
set -euo pipefail

COMPONENTS_VERSION="9.0.4"   # @utrecht/component-library-css (EUPL-1.2)
TOKENS_VERSION="7.4.1"       # @nl-design-system-unstable/voorbeeld-design-tokens (EUPL-1.2)
HTMX_VERSION="2.0.11"        # htmx.org (0BSD)

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor="$repo_root/src/openopvang/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() {  # fetch <package@version> <dir name>: unpack the npm tarball into $work/<dir name>
  (cd "$work" && npm pack --silent "$1" >/dev/null)
  mkdir -p "$work/$2"
  tar xzf "$work"/*.tgz -C "$work/$2" --strip-components=1
  rm "$work"/*.tgz
}

fetch "@utrecht/component-library-css@$COMPONENTS_VERSION" components
fetch "@nl-design-system-unstable/voorbeeld-design-tokens@$TOKENS_VERSION" tokens
fetch "htmx.org@$HTMX_VERSION" htmx

rm -rf "$vendor/utrecht-component-library-css" "$vendor/voorbeeld-design-tokens" "$vendor/htmx"
mkdir -p "$vendor/utrecht-component-library-css" "$vendor/voorbeeld-design-tokens" "$vendor/htmx"
cp "$work/components/dist/index.css" "$work/components/LICENSE.md" \
   "$vendor/utrecht-component-library-css/"
cp "$work/tokens/dist/theme.css" "$work/tokens/LICENSE.md" "$vendor/voorbeeld-design-tokens/"
cp "$work/htmx/dist/htmx.min.js" "$work/htmx/LICENSE" "$vendor/htmx/"

# Keep the versions in README.md in step with what was just copied.
sed -i -E \
  -e "s/(@utrecht\/component-library-css\` )[0-9.]+/\1$COMPONENTS_VERSION/" \
  -e "s/(voorbeeld-design-tokens\` )[0-9.]+/\1$TOKENS_VERSION/" \
  -e "s/(htmx.org\` )[0-9.]+/\1$HTMX_VERSION/" \
  "$vendor/README.md"
echo "Vendored components $COMPONENTS_VERSION, tokens $TOKENS_VERSION, htmx $HTMX_VERSION into $vendor"
