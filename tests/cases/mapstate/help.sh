mapstate --help
