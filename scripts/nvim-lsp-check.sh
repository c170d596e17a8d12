#!/usr/bin/env bash
# Headless Neovim with exactly the setup of docs/editors.md (its first `lua` block under
# "## Neovim") opens a faulty spec; exits 0 only when a rule's diagnostic (an SV code) from
# `svcspec lsp` reaches vim.diagnostic.get(), 1 when none does in time, 77 when the `nvim`
# on PATH is older than 0.8 (no vim.lsp.start).
#
#   SVCSPEC=target/debug/svcspec scripts/nvim-lsp-check.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
svcspec=${SVCSPEC:-$root/target/debug/svcspec}

if ! nvim --headless -u NONE -i NONE -n \
  -c 'lua if vim.lsp.start then vim.cmd("qall!") else vim.cmd("cquit 1") end' >/dev/null 2>&1; then
  echo "nvim-lsp-check: $(nvim --version 2>/dev/null | head -1 || echo 'no nvim') has no vim.lsp.start (0.8 or newer needed)" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The documented setup calls `svcspec`: put the binary under test first on PATH.
mkdir "$work/bin"
ln -s "$(cd "$(dirname "$svcspec")" && pwd)/$(basename "$svcspec")" "$work/bin/svcspec"
export PATH="$work/bin:$PATH"

# init.lua: the documented block, verbatim.
awk '/^## Neovim/ {in_section = 1; next}
     /^## / {in_section = 0}
     in_section && /^```lua$/ && !done {in_block = 1; next}
     in_block && /^```$/ {in_block = 0; done = 1; next}
     in_block {print}' "$root/docs/editors.md" >"$work/init.lua"
grep -q 'vim.lsp.start' "$work/init.lua"

# A faulty spec: the tranche shares add up to 105% (SV204).
sed 's/^      share: 40$/      share: 45/' "$root/specs/zhuzhou-elderly.yaml" >"$work/faulty.yaml"

cat >"$work/check.lua" <<'LUA'
local found = vim.wait(60000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if type(d.code) == "string" and d.code:match("^SV%d%d%d$") then
      io.stderr:write(("nvim-lsp-check: %s at line %d: %s\n"):format(d.code, d.lnum + 1, d.message))
      return true
    end
  end
  return false
end, 100)
vim.cmd(found and "qall!" or "cquit 1")
LUA

cd "$work"
HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" \
  timeout 120 nvim --headless -i NONE -n -u "$work/init.lua" faulty.yaml -c "luafile $work/check.lua"
