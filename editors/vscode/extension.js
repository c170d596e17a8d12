// svcspec for VS Code: starts `svcspec lsp` for YAML files and shows the preview that the
// server's `svcspec.preview` command renders. Everything else (diagnostics, hover, completion,
// rename, quick fixes) is the server's, through vscode-languageclient.
const fs = require("fs");
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("svcspec");
  const command = config.get("path", "svcspec");
  client = new LanguageClient(
    "svcspec",
    "svcspec",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "yaml" },
        { scheme: "untitled", language: "yaml" },
      ],
    },
  );

  // The language client registers the server's own `svcspec.preview`; this command calls it
  // for the active spec and shows the page it writes beside the editor.
  context.subscriptions.push(
    vscode.commands.registerCommand("svcspec.showPreview", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        return;
      }
      const doc = vscode.workspace.getConfiguration("svcspec").get("previewDocument", "contract");
      try {
        const result = await client.sendRequest("workspace/executeCommand", {
          command: "svcspec.preview",
          arguments: [editor.document.uri.toString(), doc],
        });
        const panel = vscode.window.createWebviewPanel(
          "svcspecPreview",
          `${doc}: ${editor.document.fileName.split(/[\\/]/).pop()}`,
          vscode.ViewColumn.Beside,
          {},
        );
        panel.webview.html = fs.readFileSync(result.path, "utf8");
      } catch (err) {
        vscode.window.showErrorMessage(`svcspec preview: ${err.message}`);
      }
    }),
  );

  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
