/** The only place that listens: reads config, connects (or starts the embedded database), serves. */
import path from 'node:path';
import { loadConfig } from './config';
import { disconnectDatabase } from './db';
import { connectAndRepair } from './startup';
import { createApp } from './app';
import { createWechatClient } from './modules/wechat/client';
import { seedDemo } from './modules/demo/seed';
import { startEmbeddedDb, type EmbeddedDb } from '../../tools/db/embedded';

async function main() {
  const config = loadConfig();
  let embedded: EmbeddedDb | null = null;
  let uri = config.mongodbUri;
  if (!uri) {
    console.log('未设置 MONGODB_URI，启动内置数据库（FerretDB + PostgreSQL）……');
    embedded = await startEmbeddedDb({ dataDir: path.resolve(config.dataDir), log: console.log });
    uri = embedded.uri;
    console.log(`内置数据库已就绪：${uri}（数据目录 ${embedded.dataDir}）`);
  }
  const { reviewsFinished } = await connectAndRepair(uri);
  if (reviewsFinished) console.log(`已补完 ${reviewsFinished} 条上次中断的台账审核`);
  if (config.seedDemo) {
    const seeded = await seedDemo();
    console.log(
      `演示数据：阜新蒙古族自治县 ${seeded.townships} 个乡镇、${seeded.villages} 个村（社区）、${seeded.counsel} 名法律顾问`,
    );
  }
  const app = createApp({ config, wechat: createWechatClient(config.wechat) });
  const server = app.listen(config.port, config.host, () => {
    console.log(`village-counsel 已启动：http://${config.host}:${config.port}/ （API 文档 /api/openapi.json）`);
  });
  const shutdown = async () => {
    server.close();
    await disconnectDatabase().catch(() => {});
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
