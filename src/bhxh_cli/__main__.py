from bhxh_cli.cli import main

main()
