curscan --help
