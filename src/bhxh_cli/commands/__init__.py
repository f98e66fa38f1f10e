"""What each command does, between reading its inputs and rendering its outputs: one module a command.

cli.py parses options and turns outcomes into exit codes; these modules wire loaders, the pure core
and the renderers together. Functions take their output streams as parameters so that tests run
them in-process.
"""
