// SPDX-FileCopyrightText: alicloud_ops.ecs contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The emulator's OSS driven by ali-oss (the official Node.js SDK), virtual-hosted as against real OSS: the client
// addresses exports.oss-cn-hangzhou.aliyuncs.com, and its connections go to the emulator. Prints one JSON document.
// Usage: node ali_oss_conformance.js PORT FILE SIGNATURE(v1|v4)
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');
const OSS = require('ali-oss');

const [port, file, signature] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true });
agent.createConnection = (options, callback) => net.connect(Number(port), '127.0.0.1', callback);

function client(secret) {
  return new OSS({
    region: 'oss-cn-hangzhou', endpoint: 'oss-cn-hangzhou.aliyuncs.com', secure: false, bucket: 'exports',
    accessKeyId: 'emulator-access-key', accessKeySecret: secret, agent, authorizationV4: signature === 'v4',
    retryMax: 0, timeout: 60000,
  });
}

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

async function main() {
  const oss = client('emulator-secret');
  const report = {};
  const body = Buffer.from('0123456789abcdef'.repeat(64));
  const put = await oss.put('ali/small.bin', body);
  report.put = put.res.status;
  const head = await oss.head('ali/small.bin');
  report.head = { status: head.status, length: Number(head.res.headers['content-length']),
                  crc64: head.res.headers['x-oss-hash-crc64ecma'] };
  const ranged = await oss.get('ali/small.bin', { headers: { Range: 'bytes=16-31' } });
  report.range = { status: ranged.res.status, content: ranged.content.toString() };
  const upload = await oss.multipartUpload('ali/big.bin', file, { partSize: 100 * 1024, parallel: 3 });
  report.multipart = { status: upload.res.status, name: upload.name };
  const back = await oss.get('ali/big.bin');
  report.download_sha256 = sha256(back.content);
  report.file_sha256 = sha256(fs.readFileSync(file));
  await oss.delete('ali/small.bin');
  try {
    await oss.head('ali/small.bin');
    report.deleted = false;
  } catch (error) {
    report.deleted = error.status === 404;
  }
  try {
    await client('wrong-secret').put('ali/denied.bin', body);
    report.wrong_secret = 'accepted';
  } catch (error) {
    report.wrong_secret = error.code;
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error), code: error.code, status: error.status }));
  process.exit(1);
});
