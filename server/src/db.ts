import mongoose from 'mongoose';

// Request data never reaches a filter unvalidated: bodies with `$`/`.` keys are refused in
// shared/http.ts and every field is typed by its zod contract, so filters carry no injected operators.
mongoose.set('strictQuery', true);

export async function connectDatabase(uri: string): Promise<typeof mongoose> {
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 5000, autoIndex: true });
  // Make sure every unique index exists before the first request relies on it.
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  return mongoose;
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}
