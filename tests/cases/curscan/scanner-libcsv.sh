# the CSV scanners against libcsv, the parser of record (CSVIN_PARSER):
# the same output, messages and status on every fixture and public export
# (tests/scanner_same.sh). scalar copies runs of bytes; generic is the mask
# scanner, its classes a byte at a time (curscan/scanner-vector: by AVX2
# and AVX-512).
for k in scalar generic; do
	sh tests/scanner_same.sh $k
done
