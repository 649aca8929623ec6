/** What servers in front of the pods answer by themselves (ingress-nginx, the API server). */

export const REASON: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  302: 'Found',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** nginx's built-in error page, as ingress-nginx serves it (server_tokens off: "nginx", no version). */
export function nginxPage(status: number): string {
  const title = `${status} ${REASON[status] ?? ''}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** kube-apiserver to an anonymous request (the `kubernetes` Service from a pod without credentials). */
export function apiServerForbidden(path: string): string {
  return `{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"${path}\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}`;
}

/** A page somewhere on the internet. */
export function internetPage(host: string): string {
  return `<html><head><title>${host}</title></head><body><p>${host}</p></body></html>\n`;
}
