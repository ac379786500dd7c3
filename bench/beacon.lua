-- wrk script: POST view beacons as browsers send them, each from a different
-- reader (X-Forwarded-For, believed because Dateline is told 127.0.0.1 is
-- its proxy) and for one of 1,000 stories, so dedupe and counting do real work.
math.randomseed(os.time())
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
wrk.headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
wrk.headers["Accept-Language"] = "en-GB,en;q=0.9"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["Sec-Fetch-Dest"] = "empty"
request = function()
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  wrk.headers["X-Forwarded-For"] = ip
  wrk.body = string.format('{"kind":"article","id":%d}', math.random(1, 1000))
  return wrk.format()
end
