#!/bin/bash
# A sweep as a Slurm job array: each task runs its share (K from SLURM_ARRAY_TASK_ID, counted from
# the array's first task), N is the array's size, and the shares land in one shared folder.
# Submit from the project's folder with `sbatch deploy/slurm-array.sh`; a requeued task finds its
# share already written and keeps it. Then: npm run sweep -- --merge shares --missing
#SBATCH --job-name=sizing
#SBATCH --array=1-8
#SBATCH --cpus-per-task=2
#SBATCH --requeue
set -euo pipefail
cd "${SLURM_SUBMIT_DIR}"
npm run -s sweep -- --producers 1 --items 2000 --produce "exp(100ms)" --process "lognormal(250ms,150ms)" --vary consumers=2,3,4,5 --replications 10 --target "latency.p99<=500ms" --workers 2 --shard auto/8 --out-dir shares
