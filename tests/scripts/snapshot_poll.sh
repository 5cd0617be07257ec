#!/bin/sh
# Posts a Snapshot Flat File feed and polls dataSetStatus until every record is
# processed, the way Blackboard's own Snapshot automation script does: curl the
# status, grep one element's line, strip the tags with sed. Line-oriented on purpose.
# Usage: snapshot_poll.sh BASE_URL BBID USERNAME PASSWORD FEED_FILE [METHOD]
set -u
URL=$1; BBID=$2; USERNAME=$3; PASSWORD=$4; FEED=$5; METHOD=${6:-GET}
ENDPOINT="$URL/webapps/bb-data-integration-flatfile-$BBID/endpoint"
RECORDS=$(( $(wc -l < "$FEED") - 1 ))

ANSWER=$(curl -s -u "$USERNAME:$PASSWORD" --data-binary "@$FEED" -H "Content-Type: text/plain" "$ENDPOINT/person/store")
REFERENCE=$(echo "$ANSWER" | sed -n 's/.*reference code \([0-9a-f]*\) .*/\1/p')
[ -n "$REFERENCE" ] || { echo "no reference code in: $ANSWER"; exit 2; }

TRIES=0
while [ "$TRIES" -lt 100 ]; do
    STATUS=$(curl -s -X "$METHOD" -u "$USERNAME:$PASSWORD" "$ENDPOINT/dataSetStatus/$REFERENCE")
    COMPLETED=$(echo "$STATUS" | grep '<completedCount>' | sed -e 's/<[^>]*>//g' -e 's/ //g')
    if [ "$COMPLETED" = "$RECORDS" ]; then
        ERRORS=$(echo "$STATUS" | grep '<errorCount>' | sed -e 's/<[^>]*>//g' -e 's/ //g')
        echo "processed $COMPLETED of $RECORDS records, $ERRORS errors"
        exit 0
    fi
    TRIES=$((TRIES + 1))
    sleep 0.2
done
echo "gave up: completedCount never reached $RECORDS (last: '$COMPLETED')"
exit 1
