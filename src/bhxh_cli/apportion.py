"""The public import path of the apportionment core (`from bhxh_cli.apportion import apportion`)."""

from bhxh_cli.core.apportion import *  # noqa: F401,F403
from bhxh_cli.core.apportion import __all__  # noqa: F401
