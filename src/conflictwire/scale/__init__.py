"""Scale-out: code big batches on a Dask cluster, with Parquet partitions and resume.

Start reading at `runner.run_on_dask` (what `conflictwire run --workers N` calls); the
cluster loop is `dask_run.run_dask`, a worker's share `worker.code_partition`.
"""
