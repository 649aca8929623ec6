// monaco-yaml's worker, bundled by Vite through a file of our own (monaco-yaml's FAQ: importing
// its worker directly with `?worker` fails with "Unexpected usage" under Vite).
import 'monaco-yaml/yaml.worker.js';
