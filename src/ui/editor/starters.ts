/**
 * Ready-made manifests one click away. Each is real YAML that `kubectl apply -f` accepts on a
 * real cluster, and that the engine runs to completion on the default playground cluster.
 */
export interface Starter {
  id: 'deployment' | 'daemonset' | 'statefulset' | 'job' | 'cronjob';
  /** The kinds it creates, shown beside its name (kinds stay English in every language). */
  kinds: string;
  text: string;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-logger
  labels:
    app: node-logger
spec:
  selector:
    matchLabels:
      app: node-logger
  template:
    metadata:
      labels:
        app: node-logger
    spec:
      containers:
      - name: logger
        image: busybox:1.37
        command: ["sh", "-c", "while true; do echo collecting logs on $(hostname); sleep 60; done"]
        resources:
          requests:
            cpu: 50m
            memory: 64Mi
`;

const STATEFULSET = `apiVersion: v1
kind: Service
metadata:
  name: db
  labels:
    app: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - name: postgres
    port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:17
        env:
        - name: POSTGRES_PASSWORD
          value: playground
        ports:
        - name: postgres
          containerPort: 5432
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`;

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 3
  parallelism: 2
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.40
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(200)"]
`;

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  successfulJobsHistoryLimit: 3
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: hello
            image: busybox:1.37
            command: ["sh", "-c", "date; echo Hello from the Kubernetes cluster"]
`;

export const STARTERS: readonly Starter[] = [
  { id: 'deployment', kinds: 'Deployment + Service', text: DEPLOYMENT },
  { id: 'daemonset', kinds: 'DaemonSet', text: DAEMONSET },
  { id: 'statefulset', kinds: 'StatefulSet + headless Service', text: STATEFULSET },
  { id: 'job', kinds: 'Job', text: JOB },
  { id: 'cronjob', kinds: 'CronJob', text: CRONJOB },
];

/** What the editor holds on a first visit: the Deployment with its Service. */
export const DEFAULT_STARTER = STARTERS[0];
