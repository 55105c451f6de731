"""Scale: code a corpus on an existing distributed engine (Dask distributed), storing from one writer.

`polemos.scale.batch.run_batch` is the entry point; `polemos.scale.commands.batch_cmd` is the CLI
command. Nothing is imported here, so that registering the command keeps `polemos --help` fast.
"""
