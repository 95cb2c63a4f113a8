mapcredit --help
