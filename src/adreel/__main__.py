from adreel.cli import main

main()
