// What the browser tests share: a server on a free loopback port, and counting the pixels of
// a screenshot that are not background.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

// Starts `entente serve --port 0` and resolves with its URL once it prints it.
export function startServer(root) {
  const cli = process.env.ENTENTE_CLI || join(root, 'build', 'entente');
  const child = spawn(cli, ['serve', join(root, 'scenarios', 'korea.yaml'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`entente serve printed no URL: ${out}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve({ url: m[0], port: +m[1], stop: () => child.kill('SIGTERM') }); }
    });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`entente serve exited ${code}: ${out}`)); });
  });
}

// Decodes an 8-bit RGB(A) PNG (what Chromium's screenshots are) and counts the pixels that
// differ from the top-left one (the background) by more than a little.
export function countInk(png) {
  let pos = 8, width = 0, height = 0, channels = 4;
  const idat = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos), type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      if (data[8] !== 8) throw new Error('countInk reads 8-bit PNGs only');
      channels = { 2: 3, 6: 4 }[data[9]];
      if (!channels) throw new Error(`countInk: PNG colour type ${data[9]}`);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat)), stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0, b = y ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  let ink = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    const d = Math.abs(pixels[i] - pixels[0]) + Math.abs(pixels[i + 1] - pixels[1]) + Math.abs(pixels[i + 2] - pixels[2]);
    if (d > 48) ink++;
  }
  return ink;
}
