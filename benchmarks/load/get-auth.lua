-- wrk script: GET with the bearer token from the TOKEN environment variable.
local token = os.getenv("TOKEN")
if token and #token > 0 then wrk.headers["Authorization"] = "Bearer " .. token end
