/** The only place that listens: reads config, connects (or starts the embedded database), serves. */
import path from 'node:path';
import { loadConfig } from './config';
import { disconnectDatabase } from './db';
import { connectAndRepair } from './startup';
import { createApp } from './app';
import { createLogger, type Logger } from './shared/log';
import { createWechatClient } from './modules/wechat/client';
import { seedDemo } from './modules/demo/seed';
import { seedDemoHistory } from './modules/demo/history';
import { startEmbeddedDb, type EmbeddedDb } from '../../tools/db/embedded';

/** until the configuration (and its LOG_LEVEL) is read: info, for a failure to start */
let log: Logger = createLogger();

async function main() {
  const config = loadConfig();
  log = createLogger({ level: config.logLevel });
  let embedded: EmbeddedDb | null = null;
  let uri = config.mongodbUri;
  if (!uri) {
    log.info('未设置 MONGODB_URI，启动内置数据库（FerretDB + PostgreSQL）……');
    const dbLog = log.child({ component: 'embedded-db' });
    embedded = await startEmbeddedDb({ dataDir: path.resolve(config.dataDir), log: (line) => dbLog.info(line) });
    uri = embedded.uri;
    log.info(`内置数据库已就绪：${uri}（数据目录 ${embedded.dataDir}）`);
  }
  const { reviewsFinished } = await connectAndRepair(uri);
  if (reviewsFinished) log.info({ reviewsFinished }, `已补完 ${reviewsFinished} 条上次中断的台账审核`);
  if (config.seedDemo) {
    const seeded = await seedDemo();
    log.info(
      { townships: seeded.townships, villages: seeded.villages, counsel: seeded.counsel },
      `演示数据：阜新蒙古族自治县 ${seeded.townships} 个乡镇、${seeded.villages} 个村（社区）、${seeded.counsel} 名法律顾问`,
    );
    const history = await seedDemoHistory();
    log.info(
      { ...history, anchor: history.anchor.toISOString() },
      `演示历史数据：近三个月的台账、咨询与群聊（本次新增台账 ${history.ledgerEntries} 条、咨询 ${history.consultations} 条）`,
    );
  }
  const app = createApp({ config, wechat: createWechatClient(config.wechat), log });
  const server = app.listen(config.port, config.host, () => {
    log.info(
      { host: config.host, port: config.port, env: config.env },
      `village-counsel 已启动：http://${config.host}:${config.port}/ （API 文档 /api/openapi.json）`,
    );
  });
  const shutdown = async () => {
    log.info('正在停止 village-counsel ……');
    server.close();
    await disconnectDatabase().catch(() => {});
    await embedded?.stop();
    process.exit(0);
  };
  // a signal handler's promise is not awaited by Node: a failed stop is logged and exits non-zero
  // instead of becoming an unhandled rejection
  const onSignal = () => {
    shutdown().catch((err: unknown) => {
      log.fatal({ err }, `village-counsel 停止失败：${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((err: unknown) => {
  log.fatal({ err }, `village-counsel 启动失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
