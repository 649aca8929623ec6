import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';
// What kubectl v1.32 itself prints for the same commands (--dry-run=client -o yaml).
import ingress from './testdata/create-ingress.yaml?raw';
import rolebinding from './testdata/create-rolebinding.yaml?raw';
import pdb from './testdata/create-pdb.yaml?raw';
import quota from './testdata/create-quota.yaml?raw';
import priorityclass from './testdata/create-priorityclass.yaml?raw';

function cluster() {
  const tc = testCluster();
  return { tc, ...session(tc) };
}

describe('kubectl create: ingress, rolebinding, pdb, quota, priorityclass', () => {
  it("builds exactly the objects kubectl's generators build", () => {
    const { ok } = cluster();
    const dry = ' --dry-run=client -o yaml';
    expect(ok(`create ingress simple --rule=foo.com/bar=svc1:8080 --rule=bar.com/*=svc2:80,tls=my-cert --class=nginx${dry}`)).toBe(ingress);
    expect(ok(`create rolebinding rb --role=pod-reader --user=jane --serviceaccount=default:sa --group=devs${dry}`)).toBe(rolebinding);
    expect(ok(`create pdb web --selector='app==web,!legacy,env' --max-unavailable=50%${dry}`)).toBe(pdb);
    expect(ok(`create quota q --hard=cpu=1,memory=1G,pods=2 --scopes=BestEffort${dry}`)).toBe(quota);
    expect(ok(`create priorityclass high --value=1000 --description=high${dry}`)).toBe(priorityclass);
  });

  it('creates a Role with one rule per API group, and the objects take effect', () => {
    const { tc, ok, run } = cluster();
    expect(ok('create role pod-reader --verb=get,list,watch --resource=pods,deployments.apps,pods/log')).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
    expect(tc.get('Role', 'pod-reader')!.rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(run('create role r --verb=fly --resource=pods')).toEqual({ exitCode: 1, output: "error: invalid verb: 'fly'\n" });
    expect(run('create role r --verb=get --resource=widgets')).toEqual({ exitCode: 1, output: 'error: the server doesn\'t have a resource type "widgets"\n' });
    expect(ok('create clusterrolebinding crb --clusterrole=view --user=bob')).toBe('clusterrolebinding.rbac.authorization.k8s.io/crb created\n');
    expect(ok('create pdb web --selector=app=web --min-available=1')).toBe('poddisruptionbudget.policy/web created\n');
    expect(run('create pdb x --selector=tier!=db --min-available=1')).toEqual({ exitCode: 1, output: 'error: "!=" is not a valid label selector operator\n' });
    expect(ok('create ingress web --rule=shop.example.com/*=web:80')).toBe('ingress.networking.k8s.io/web created\n');
    expect(tc.get('Ingress', 'web')!.spec.rules[0].http.paths[0]).toEqual({ backend: { service: { name: 'web', port: { number: 80 } } }, path: '/', pathType: 'Prefix' });
    expect(run('create ingress none')).toMatchObject({ exitCode: 1 });
  });
});
