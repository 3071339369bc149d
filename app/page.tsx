import { HomeRedirect } from './features/home/HomeRedirect.tsx';

export default function HomePage() {
  return <HomeRedirect />;
}
