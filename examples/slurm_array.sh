#!/usr/bin/env bash
# One presswash shard per Slurm array task: each task takes its slice of the input list
# (read from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT) and writes a resumable folder.
# A task that is preempted or requeued goes on where it stopped (--resume).
#
#   sbatch --array=0-15 examples/slurm_array.sh /data/crawl /data/cleaned
#
# Afterwards /data/cleaned/shard-*/part-*.jsonl.zst hold the records, in input order when
# read in shard order; each shard-*/manifest.json counts its inputs, records and rejects.
#SBATCH --job-name=presswash
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --requeue
set -euo pipefail

input=${1:?usage: slurm_array.sh INPUT_DIR OUTPUT_DIR}
output=${2:?usage: slurm_array.sh INPUT_DIR OUTPUT_DIR}
task=${SLURM_ARRAY_TASK_ID:?run me with sbatch --array=0-N}

exec presswash run "$input" \
    -o "$output/shard-$(printf %05d "$task")/" \
    --resume --compress zst \
    -j "${SLURM_CPUS_PER_TASK:-1}" \
    --progress log
