/**
 * The most common passwords, from the published top lists of leaked-password studies (NordPass and
 * SplashData yearly lists, the RockYou top list, and the top of the 2011 CSDN/Tianya leaks for
 * pinyin and number patterns common in China). Guessers try these first, so a login limit of 20 a
 * minute does not protect them. Lower case; the check lower-cases the password before looking.
 * Kept short on purpose: the length rule does most of the work, this list the rest.
 */
export const commonPasswords: readonly string[] = [
  // numbers and keyboard walks
  '123456', '1234567', '12345678', '123456789', '1234567890', '12345678910', '0123456789', '987654321', '9876543210',
  '111111', '1111111', '11111111', '111111111', '1111111111', '000000', '0000000', '00000000', '000000000', '0000000000',
  '222222', '22222222', '333333', '33333333', '444444', '44444444', '555555', '55555555', '666666', '66666666', '6666666666',
  '777777', '77777777', '888888', '88888888', '8888888888', '999999', '99999999', '9999999999',
  '121212', '12121212', '123123', '123123123', '12341234', '123321', '1234554321', '123654', '123654789', '147258369',
  '147258', '159357', '159753', '258258', '520520', '654321', '7654321', '87654321', '112233', '11223344', '112233445566',
  '121314', '131313', '123qwe', '123abc', 'abc123', 'abcd1234', 'abc12345', 'a123456', 'a12345678', 'a123456789',
  'aa123456', 'aa12345678', 'qq123456', 'qq111111', 'q1w2e3r4', 'q1w2e3r4t5', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e', '1qaz2wsx',
  '1qaz2wsx3edc', 'zaq12wsx', 'qazwsx', 'qazwsxedc', 'qweasd', 'qweasdzxc', 'qwerty', 'qwerty1', 'qwerty12', 'qwerty123',
  'qwertyuiop', 'qwertyu', 'qwer1234', 'asdfgh', 'asdfghjkl', 'asdf1234', 'asd123', 'asd123456', 'zxcvbn', 'zxcvbnm',
  'zxcvbnm123', 'zxc123', 'zxc123456', '1q2w3e4r5t6y', 'abcdef', 'abcdefg', 'abcdefgh', 'abcd123', 'aaaaaa', 'aaaaaaaa',
  'a1b2c3', 'a1b2c3d4', 'aaa111', 'abc123456', 'abcabc', 'xiaoming', 'qwe123', 'qwe123456', 'qweqwe', '123qweasd',
  '123456a', '123456aa', '123456abc', '123456q', '123456qq', '12345a', '12345qwert', '1234qwer', '123456789a', '12345678a',
  '1234567a', '123456789q', '000000a', '111111a', '112233a', '5201314', '520131400', '5201314520', '1314520', '13145200',
  '521521', '5211314', '584520', '20082008', '19491001', '201314', '77585210', 'woaini', 'woaini1314', 'woaini520',
  'woaini123', 'woaiwojia', 'iloveyou', 'iloveyou1', 'iloveu', 'loveyou', 'wodemima', 'mima123', 'mima123456', 'nihao123',
  'nihaoma', 'aini1314', 'zhang123', 'wang123', 'li123456', 'liu123', 'chen123', 'zhangwei', 'wangwei', 'wangjing',
  'liuyang', 'zhongguo', 'beijing', 'shanghai', 'kefu123', 'kefu1234', 'kefu123456', 'kefuzhongxin',
  // words
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass1234', 'passwd', 'pass123',
  'password!', 'admin', 'admin123', 'admin1234', 'admin12345', 'admin888', 'admin@123', 'administrator', 'root', 'root123',
  'toor', 'test', 'test123', 'test1234', 'testtest', 'guest', 'guest123', 'user', 'user123', 'default', 'changeme',
  'letmein', 'welcome', 'welcome1', 'welcome123', 'login', 'master', 'secret', 'hello', 'hello123', 'helloworld',
  'sunshine', 'princess', 'football', 'baseball', 'basketball', 'soccer', 'monkey', 'dragon', 'shadow', 'superman',
  'batman', 'trustno1', 'starwars', 'whatever', 'freedom', 'qazxsw', 'michael', 'jennifer', 'jordan', 'jordan23',
  'charlie', 'daniel', 'thomas', 'hunter', 'hunter2', 'ranger', 'buster', 'soccer1', 'harley', 'killer', 'mustang',
  'access', 'flower', 'cheese', 'computer', 'internet', 'service', 'customer', 'summer', 'winter', 'spring', 'autumn',
  'chocolate', 'cookie', 'pepper', 'ginger', 'maggie', 'tigger', 'liverpool', 'chelsea', 'arsenal', 'matrix',
  'pokemon', 'naruto', 'minecraft', 'samsung', 'google', 'apple', 'iphone', 'android', 'linux', 'ubuntu', 'oracle',
  'mysql', 'postgres', 'database', 'system', 'manager', 'supervisor', 'support', 'office', 'company', 'qwertyuiop123',
  'fuckyou', 'asshole', 'lovely', 'loveme', 'babygirl', 'angel', 'friends', 'family', 'forever', 'blessed',
];
