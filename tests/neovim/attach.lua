-- Attaches `shotlist lsp` to the spec in $SHOTLIST_SPEC, waits for its diagnostics,
-- hovers on the position in $SHOTLIST_HOVER_LINE/$SHOTLIST_HOVER_COL (0-based), and
-- writes what Neovim received to $SHOTLIST_OUT as JSON. Neovim 0.7 (Debian 12) API.
local out = {}
local function finish()
  local file = io.open(os.getenv("SHOTLIST_OUT"), "w")
  file:write(vim.fn.json_encode(out))
  file:close()
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("SHOTLIST_SPEC")))
local buffer = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "shotlist",
  cmd = { os.getenv("SHOTLIST_BIN"), "lsp" },
  root_dir = vim.fn.fnamemodify(os.getenv("SHOTLIST_SPEC"), ":h"),
})
out.attached = vim.lsp.buf_attach_client(buffer, client_id)

local got = vim.wait(20000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  table.insert(out.diagnostics, {
    code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col,
    severity = d.severity, message = d.message,
  })
end
out.waited = got

local client = vim.lsp.get_client_by_id(client_id)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  position = { line = tonumber(os.getenv("SHOTLIST_HOVER_LINE")), character = tonumber(os.getenv("SHOTLIST_HOVER_COL")) },
}
local response = client.request_sync("textDocument/hover", params, 10000, buffer)
if response and response.result then
  out.hover = response.result.contents.value
end
client.stop()
finish()
