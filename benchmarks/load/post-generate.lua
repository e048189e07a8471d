-- wrk script: POST the docs' generate body, with the token from the TOKEN environment variable when set.
wrk.method = "POST"
wrk.body = '{"messages": "Weather in London"}'
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and #token > 0 then wrk.headers["Authorization"] = "Bearer " .. token end
