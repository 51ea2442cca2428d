// Before any schema is made: zod must not try eval (see the module).
import '../../lib/services/zod-csp';
import '../../components/theme.css';
import '../../components/options/options.css';
import { mountPage } from '../../components/mount';
import { OptionsApp } from '../../components/options/OptionsApp';

mountPage('optionsTitle', <OptionsApp />);
