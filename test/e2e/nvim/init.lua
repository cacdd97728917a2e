-- patchsmith in Neovim (0.7 or later), as the end-to-end test uses it and as docs/editors.md
-- describes: the language server is `node dist/cli.js lsp --stdio`, attached to patch buffers.
-- Neovim detects a format-patch mail as filetype "gitsendemail" (other *.patch files as "diff");
-- buffers of those filetypes named *.patch, *.mbox or *.eml get it, and so do "gitcommit" and
-- "gitpatch" buffers (if you map patch files to that filetype).
--
-- Used by test/e2e/neovim.e2e.ts with `nvim --headless -u test/e2e/nvim/init.lua FILE`.

vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'

local here = debug.getinfo(1, 'S').source:sub(2)
local root = os.getenv('PATCHSMITH_ROOT') or vim.fn.fnamemodify(here, ':p:h:h:h:h')
local cmd = { os.getenv('PATCHSMITH_NODE') or 'node', root .. '/dist/cli.js', 'lsp', '--stdio' }

local PATCH_NAMES = { '%.patch$', '%.mbox$', '%.eml$', 'COMMIT_EDITMSG$' }

local function is_patch_buffer(bufnr)
  local ft = vim.bo[bufnr].filetype
  if ft == 'gitpatch' or ft == 'gitcommit' then
    return true
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  for _, p in ipairs(PATCH_NAMES) do
    if name:match(p) then
      return true
    end
  end
  return false
end

local client_id = nil

local function attach(bufnr)
  if not is_patch_buffer(bufnr) then
    return
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(name, ':p:h')
  local config = {
    name = 'patchsmith',
    cmd = cmd,
    -- What docs/editors.md suggests for huge documents (the allocator gives freed memory back).
    cmd_env = { GLIBC_TUNABLES = 'glibc.malloc.mmap_threshold=65536:glibc.malloc.trim_threshold=131072:glibc.malloc.arena_max=2' },
    root_dir = dir,
    -- The same settings as VS Code's patchsmith.* (see package.json); trusted lets it run git.
    init_options = { profile = 'kernel', trusted = true },
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  -- Neovim 0.7: one client, attached to every patch buffer.
  if client_id == nil then
    client_id = vim.lsp.start_client(config)
  end
  if client_id then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'diff', 'gitsendemail', 'gitpatch', 'gitcommit', 'mail' },
  callback = function(args)
    attach(args.buf)
  end,
})
