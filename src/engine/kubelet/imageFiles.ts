import type { Pod } from 'kubernetes-types/core/v1';
import type { ImageRef } from './images/reference';
import { resolvConf } from '../network/dns';

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

function osRelease(ref: ImageRef): string {
  const p = ref.path;
  if (/busybox/.test(p)) return '';
  if (/alpine|curl/.test(p) || /alpine/.test(ref.tag)) return 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.2\nPRETTY_NAME="Alpine Linux v3.21"\n';
  if (/ubuntu/.test(p)) return 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\n';
  return 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n';
}

/**
 * Files a container sees that come from its image, plus those the kubelet writes into every
 * container (/etc/hosts, /etc/hostname, /etc/resolv.conf, the termination log).
 */
export function containerBaseFiles(ref: ImageRef, pod: Pod, podIP: () => string, hostname: string, clusterDomain: string): () => ReadonlyMap<string, string> {
  const fixed = new Map<string, string>();
  const os = osRelease(ref);
  if (os) fixed.set('/etc/os-release', os);
  if (/(^|\/)nginx/.test(ref.path)) {
    fixed.set('/usr/share/nginx/html/index.html', NGINX_INDEX);
    fixed.set('/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n');
    fixed.set('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF);
    fixed.set('/etc/nginx/nginx.conf', 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n');
  }
  if (/(^|\/)httpd$/.test(ref.path)) fixed.set('/usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n');
  fixed.set('/dev/termination-log', '');
  const ns = pod.metadata!.namespace ?? 'default';
  fixed.set('/etc/resolv.conf', resolvConf(pod, clusterDomain));
  fixed.set('/etc/hostname', `${hostname}\n`);
  const aliases = pod.spec!.hostAliases ?? [];
  let cache: Map<string, string> | undefined;
  let cachedIP = '';
  return () => {
    const ip = podIP();
    if (cache && cachedIP === ip) return cache;
    const fqdn = pod.spec!.subdomain ? `${hostname}.${pod.spec!.subdomain}.${ns}.svc.${clusterDomain}\t${hostname}` : hostname;
    let hosts = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
    if (ip) hosts += `${ip}\t${fqdn}\n`;
    if (aliases.length) {
      hosts += '\n# Entries added by HostAliases.\n';
      for (const a of aliases) hosts += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
    }
    cache = new Map(fixed);
    cache.set('/etc/hosts', hosts);
    cachedIP = ip;
    return cache;
  };
}
