-- wrk: POST /api/assess with a real profile, reported like report.lua.
-- CLIENTS=many: each request from another client address (X-Forwarded-For, so the
-- server must trust one proxy: TRUSTED_PROXY_COUNT=1), every client under its
-- rate limit. CLIENTS=one: every request from one address, soon over its limit.
dofile("report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"district": "dongcheng", "years_since_settlement": 0, ' ..
  '"high_tech_enterprise": true, "revenue_latest_year": 80000000, ' ..
  '"revenue_previous_year": 50000000, "rd_expense_latest_year": 12000000}'

local many = os.getenv("CLIENTS") == "many"

request = function()
  if many then
    wrk.headers["X-Forwarded-For"] = string.format(
      "10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  else
    wrk.headers["X-Forwarded-For"] = "203.0.113.7"
  end
  return wrk.format()
end
