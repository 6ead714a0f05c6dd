"""Scale-out: code big batches on a Dask cluster, with Parquet partitions and resume."""
