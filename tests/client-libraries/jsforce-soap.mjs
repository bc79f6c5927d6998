// Signs in to an org the way jsforce does without an app (SOAP login() with username and
// password + security token), counts accounts, logs out (a SOAP logout() call on the session)
// and tries the ended session again. Also tries a wrong password. Run by
// tests/tests/client_libraries.rs against the simulator; prints one JSON object.
// Environment: LOGIN_URL, USERNAME, PASSWORD (password + security token).
import jsforce from "jsforce";

const connect = () =>
  new jsforce.Connection({ loginUrl: process.env.LOGIN_URL, version: "64.0" });
const failure = async (attempt) => {
  try {
    await attempt();
    return null;
  } catch (error) {
    return { name: error.name, message: error.message, errorCode: error.errorCode ?? null };
  }
};

const wrong = await failure(() => connect().login(process.env.USERNAME, "not-the-password"));
const conn = connect();
const user = await conn.login(process.env.USERNAME, process.env.PASSWORD);
const accounts = (await conn.query("SELECT COUNT() FROM Account")).totalSize;
const { accessToken, instanceUrl } = conn;
await conn.logout();
const ended = new jsforce.Connection({
  instanceUrl,
  accessToken,
  version: "64.0",
});
const afterLogout = await failure(() => ended.query("SELECT COUNT() FROM Account"));
console.log(
  JSON.stringify({
    wrong_password: wrong,
    organization_id: user.organizationId,
    accounts,
    after_logout: afterLogout,
  }),
);
