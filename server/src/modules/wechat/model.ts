import { Schema, model } from 'mongoose';

/** The WeChat access token, shared by every server process (wechat-api getToken/saveToken). */
const tokenSchema = new Schema(
  {
    appid: { type: String, required: true, unique: true },
    accessToken: { type: String, required: true },
    expireTime: { type: Number, required: true },
  },
  { collection: 'wechat_tokens', versionKey: false },
);
export const WechatTokenModel = model('WechatToken', tokenSchema);
