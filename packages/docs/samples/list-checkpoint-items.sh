# or ENDPOINT=http://127.0.0.1:4010, the mock (any token)
ENDPOINT=https://csbs.ap-southeast-1.myhuaweicloud.com
curl -sS -G "$ENDPOINT/v1/$HW_PROJECT_ID/checkpoint_items" \
  -H "X-Auth-Token: $HW_IAM_TOKEN" \
  --data-urlencode "status=available" \
  --data-urlencode "limit=10"
