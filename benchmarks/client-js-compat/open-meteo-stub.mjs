// A loopback stand-in for Open-Meteo's geocoding and forecast APIs (this machine has no internet).
// Prints the bound port on stdout, serves Open-Meteo-shaped JSON, binds 127.0.0.1 only.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  res.setHeader('Content-Type', 'application/json');
  if (url.pathname === '/v1/search') {
    const name = url.searchParams.get('name') ?? 'London';
    res.end(JSON.stringify({ results: [{ name, latitude: 51.5085, longitude: -0.1257, country: 'United Kingdom' }] }));
  } else if (url.pathname === '/v1/forecast') {
    res.end(JSON.stringify({
      current: { time: '2026-11-26T12:00', temperature_2m: 11.2, apparent_temperature: 9.8, relative_humidity_2m: 81,
        wind_speed_10m: 14.3, wind_gusts_10m: 25.1, weather_code: 3 },
    }));
  } else {
    res.statusCode = 404;
    res.end(JSON.stringify({ error: true, reason: 'not found' }));
  }
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
