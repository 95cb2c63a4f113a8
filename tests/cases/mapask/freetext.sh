# Free text: a question in plain English is mapped to the catalogue by the
# names of the data and the question words, deterministically; what it
# cannot tell is refused with the catalogue, exit 2.
. tests/mcp_night.sh
ln -s "$N" "$TMP/n"
for q in "why is the payments team at 64%?" \
    "why is payments at 64%?" \
    "What is the compliance rate of the Payments product?" \
    "how is Digital Commerce doing on its rate" \
    "which untagged resources lost us the most credit in the last 30 days?" \
    "what did the data team lose this week" \
    "explain i-0b2e4d6f8a1c35703" \
    "what happened to arn:aws:dynamodb:us-east-1:480512736611:table/checkout-carts" \
    "How much MAP credit have we claimed this month versus what we projected?" \
    "which grants are expiring?" \
    "what should kenji.tanaka fix today?" \
    "show me the task queue" \
    "what changed since last night?" \
    "what changed since 2026-04-20"; do
	mapask -d "$TMP/n" "$q" | sed -n 1,2p; echo "exit $?"
done
echo "--- the words as separate arguments"
mapask -d "$TMP/n" why is payments at 64% | sed -n 1,2p
echo "--- refused"
mapask -d "$TMP/n" "hello there"; echo "exit $?"
mapask -d "$TMP/n" "tasks or credits?"; echo "exit $?"
