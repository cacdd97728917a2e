// tsconfig uses node10 module resolution, which ignores package.json "exports"; esbuild follows
// them and bundles vscode-languageclient/node. This maps the subpath for the type checker.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
