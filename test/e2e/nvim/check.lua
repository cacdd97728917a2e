-- Run after the file is loaded (nvim -c 'luafile check.lua'): waits for patchsmith's
-- diagnostics on the current buffer and writes what Neovim holds to $PATCHSMITH_NVIM_OUT as JSON,
-- then quits. The expected rule id comes in $PATCHSMITH_EXPECT.
local out = assert(os.getenv('PATCHSMITH_NVIM_OUT'), 'PATCHSMITH_NVIM_OUT not set')
local expect = os.getenv('PATCHSMITH_EXPECT') or ''
local timeout = tonumber(os.getenv('PATCHSMITH_NVIM_TIMEOUT') or '60000')

local function code_of(d)
  if d.code ~= nil then
    return d.code
  end
  if d.user_data and d.user_data.lsp then
    return d.user_data.lsp.code
  end
  return nil
end

local function clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = 0 })
  end
  return vim.lsp.buf_get_clients(0)
end

vim.wait(timeout, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if tostring(code_of(d)) == expect then
      return true
    end
  end
  return false
end, 100)

local result = { filetype = vim.bo.filetype, clients = {}, diagnostics = {} }
for _, c in pairs(clients()) do
  table.insert(result.clients, c.name)
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(result.diagnostics, {
    line = d.lnum,
    code = code_of(d) and tostring(code_of(d)) or vim.NIL,
    message = d.message,
    source = d.source or vim.NIL,
  })
end
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qa!')
