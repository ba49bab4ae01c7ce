import { Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import { STATION_SHEET_COLUMNS, type StationImportReport } from '@xjy/shared/station';
import { useState } from 'react';
import { useSubmit } from '../../../../hooks/use-submit';
import { importStations } from '../../../../services/stations';
import { pickSpreadsheet, type PickedFile } from '../../../../utils/pick-file';
import StaffOnly from '../../components/staff-only';
import './index.scss';

/** Check a spreadsheet row by row first (nothing is written), then import it all at once. */
function StationImport() {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [wgs84, setWgs84] = useState(false);
  const [report, setReport] = useState<StationImportReport | null>(null);
  const { busy, error, setError, submit } = useSubmit();

  const pick = async () => {
    const picked = await pickSpreadsheet();
    if (!picked) return;
    setFile(picked);
    setReport(null);
    setError(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    await submit(async () => {
      const r = await importStations(file.path, { dryRun, coordSystem: wgs84 ? 'wgs84' : 'gcj02' });
      setReport(r);
      if (!dryRun && r.ok) void Taro.showToast({ title: `已导入：新增 ${r.created}，更新 ${r.updated}`, icon: 'none' });
    });
  };

  return (
    <View className='page station-import' data-testid='station-import'>
      <View className='card'>
        <Text className='card__title'>表格格式</Text>
        <Text className='muted'>CSV（UTF-8）或 XLSX，第一行为列名：{STATION_SHEET_COLUMNS.join(', ')}。</Text>
        <Text className='muted'>必填：code、name、kind、lat、lng、hours、area_code。同一 code 再次导入会更新原站点，不会重复新增。</Text>
        <Text className='muted'>坐标默认按 GCJ-02（高德/腾讯地图）；GPS 设备采集的 WGS-84 坐标请在 coord_system 列写 wgs84，或勾选下方选项，系统会自动转换。</Text>
      </View>
      <View className='card'>
        <Button className='btn btn--secondary' onClick={() => void pick()} data-testid='import-pick'>
          {file ? `已选择：${file.name}` : '选择表格文件'}
        </Button>
        <View className={`station-import__check ${wgs84 ? 'station-import__check--on' : ''}`} onClick={() => setWgs84(!wgs84)} data-testid='import-wgs84'>
          <Text>{wgs84 ? '☑' : '☐'} 未注明坐标系的行按 WGS-84（GPS）处理</Text>
        </View>
        <View className='station-import__actions'>
          <Button className='btn btn--secondary' disabled={!file || busy} onClick={() => void run(true)} data-testid='import-dry-run'>
            先检查（不写入）
          </Button>
          <Button className='btn btn--primary' disabled={!file || busy || !report?.ok || !report.dryRun} onClick={() => void run(false)} data-testid='import-run'>
            全部导入
          </Button>
        </View>
        {error ? <Text className='field-error'>{error}</Text> : null}
      </View>
      {report ? (
        <View className='card' data-testid='import-report'>
          <Text className='card__title'>{report.dryRun ? '检查结果' : '导入结果'}</Text>
          {report.ok ? (
            <Text data-testid='import-ok'>
              共 {report.rows} 行，全部通过：{report.dryRun ? '将' : '已'}新增 {report.created} 个，更新 {report.updated} 个。
            </Text>
          ) : (
            <>
              <Text className='station-import__bad'>共 {report.rows} 行，发现 {report.errors.length} 处问题，没有导入任何数据。请修改后重新检查。</Text>
              {report.errors.map((e, i) => (
                <View key={`${e.row}-${e.field}-${i}`} className='station-import__error' data-testid='import-error'>
                  <Text className='station-import__row'>{e.row ? `第 ${e.row} 行` : '文件'}</Text>
                  <Text>
                    {e.field}：{e.message}
                  </Text>
                </View>
              ))}
            </>
          )}
        </View>
      ) : null}
    </View>
  );
}

export default function StationImportPage() {
  return (
    <StaffOnly>
      <StationImport />
    </StaffOnly>
  );
}
