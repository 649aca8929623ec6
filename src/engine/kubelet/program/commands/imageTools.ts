/**
 * Which network tools an image ships (`kubectl exec … -- curl` fails with "executable file not
 * found in $PATH" where the real image has none): busybox and alpine have busybox's wget,
 * nslookup, ping and nc; the curl images add curl; Debian-based nginx has curl only; the DNS
 * debugging images have nslookup and dig; slim server and distribution images have none.
 */
const TABLE: [RegExp, readonly string[]][] = [
  [/(^|\/)nicolaka\/netshoot(:|@|$)/, ['curl', 'wget', 'nslookup', 'ping', 'nc', 'dig']],
  [/(^|\/)(jessie-dnsutils|dnsutils)(:|@|$)/, ['nslookup', 'dig', 'ping']],
  [/(^|\/)curlimages\/curl(:|@|$)/, ['curl', 'wget', 'nslookup', 'ping', 'nc']],
  [/(^|\/)radial\/busyboxplus:curl$/, ['curl', 'wget', 'nslookup', 'ping', 'nc']],
  [/(^|\/)nginx(-unprivileged)?:[^@]*alpine/, ['curl', 'wget', 'nslookup', 'ping', 'nc']],
  [/(^|\/)(busybox|alpine|busyboxplus)(:|@|$)/, ['wget', 'nslookup', 'ping', 'nc']],
  [/(^|\/)nginx(-unprivileged|-slim)?(:|@|$)/, ['curl']],
  [/(^|\/)(python|node):?(?!.*(slim|alpine))/, ['curl', 'wget']],
  [/(^|\/)(python|node):.*alpine/, ['wget', 'nslookup', 'ping', 'nc']],
];

export const NETWORK_TOOLS = ['curl', 'wget', 'nslookup', 'ping', 'nc', 'dig'];

/** Whether `image` has `tool` (only the network tools vary; the rest exist everywhere). */
export function imageHasTool(image: string, tool: string): boolean {
  if (!NETWORK_TOOLS.includes(tool)) return true;
  for (const [re, tools] of TABLE) if (re.test(image)) return tools.includes(tool);
  return false;
}
