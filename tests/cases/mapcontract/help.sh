# --help goes to standard output and exits 0; so does --version
mapcontract --help; echo "exit $?"
mapcontract new -h > /dev/null; echo "exit $?"
mapcontract --version | sed 's/[0-9][0-9.]*$/VERSION/'
